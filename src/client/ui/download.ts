/** Saves text as a file through a temporary object URL. */
export function downloadText(filename: string, contentType: string, data: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
