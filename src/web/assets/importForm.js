// A chosen CSV file is read into the textarea, so what is imported can be seen and corrected first.
const file = /** @type {HTMLInputElement | null} */ (document.getElementById('file'));
const csv = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('csv'));

/**
 * Excel on a German Windows saves "CSV (Trennzeichen-getrennt)" in Windows-1252, not UTF-8: read as
 * UTF-8, every umlaut would become "�" and be imported so. A file that is not valid UTF-8 is that.
 * @param {ArrayBuffer} bytes
 */
function decodeCsv(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

file?.addEventListener('change', async () => {
  const f = file.files?.[0];
  if (f && csv) csv.value = decodeCsv(await f.arrayBuffer());
});
