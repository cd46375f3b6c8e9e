/** Offers text as a file download (browser and Electron alike); the object URL is released after. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A BOM so that Excel opens UTF-8 (Japanese names) correctly.
  downloadBlob(fileName, new Blob(['\ufeff', text], { type }));
}

/** Offers bytes the server sent as base64 (a file in its own encoding: Shift_JIS, UTF-16 …) as a download, unchanged. */
export function downloadBase64(fileName: string, base64: string, type = 'application/octet-stream'): void {
  downloadBlob(fileName, new Blob([base64ToBytes(base64)], { type }));
}

/** The bytes of a base64 text. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A file's bytes as base64 (for contract methods that take a file's content). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole 20 MB file would overflow the call stack.
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

function downloadBlob(fileName: string, blob: Blob): void {
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
