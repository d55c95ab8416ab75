export type PdfToolErrorCode =
  /** The tool ran and failed, timed out, produced too much, or the input is not a PDF (see `reason`). */
  | 'pdf_tool_failed'
  /** The poppler binary could not be started (not installed, not executable). */
  | 'pdf_tool_unavailable'
  /** The adapter was closed (shutdown): running tools were killed, new calls are refused. */
  | 'pdf_tool_closed';

export type PdfToolFailureReason = 'exit' | 'timeout' | 'output_too_large' | 'invalid_input';

export class PdfToolError extends Error {
  readonly code: PdfToolErrorCode;
  /** The poppler tool involved (`pdftotext`, `pdfinfo`, `pdftoppm`). */
  readonly tool: string;
  readonly reason?: PdfToolFailureReason;

  constructor(code: PdfToolErrorCode, tool: string, message: string, reason?: PdfToolFailureReason) {
    super(message);
    this.name = 'PdfToolError';
    this.code = code;
    this.tool = tool;
    this.reason = reason;
  }
}
