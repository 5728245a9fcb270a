// Spreadsheet readers for the admin page's team import: papaparse (CSV) and read-excel-file
// (.xlsx, the build that reads an ArrayBuffer in any environment). Bundled by scripts/build.sh
// into www/vendor/sheets.js.
import Papa from 'papaparse';

export { readSheet as readXlsx } from 'read-excel-file/universal';
export const parseCsv = (text, options) => Papa.parse(text, options);
export const unparseCsv = (rows, options) => Papa.unparse(rows, options);
