/** Offers text as a file download (browser and Electron alike); the object URL is released after. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM so that Excel opens UTF-8 (Japanese names) correctly.
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "<prefix>-2025-01-31.csv" (local date). */
export function datedFileName(prefix: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

/** "printdeck-devices-2025-01-31.csv" (local date). */
export function exportFileName(now: Date): string {
  return datedFileName('printdeck-devices', now);
}
