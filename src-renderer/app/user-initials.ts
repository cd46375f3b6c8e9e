/** Initials for the user menu's avatar: "Ada Lovelace" → "AL", "admin" → "AD", "山田 太郎" → "山太". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  const letters = words.length >= 2 ? [[...(words[0] ?? '')][0], [...(words[1] ?? '')][0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}
