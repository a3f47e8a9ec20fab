/**
 * Saves a file through the browser's download (also in Electron, which asks where to save it;
 * the bridge has no save-file function): one temporary link, removed at once, its URL released
 * once the download has surely taken the data.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
