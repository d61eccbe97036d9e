// A chosen CSV file is read into the textarea, so what is imported can be seen and corrected first.
const file = /** @type {HTMLInputElement | null} */ (document.getElementById('file'));
const csv = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('csv'));
file?.addEventListener('change', async () => {
  const f = file.files?.[0];
  if (f && csv) csv.value = await f.text();
});
