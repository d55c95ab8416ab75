export {
  PDF_TEMP_DIR_PREFIX,
  PdfTools,
  parsePdfInfo,
  type ExtractTextOptions,
  type PdfInfo,
  type PdfToolsOptions,
  type ToPngOptions,
} from './pdf.tools';
export { PdfToolError, type PdfToolErrorCode, type PdfToolFailureReason } from './pdf-tool.error';
