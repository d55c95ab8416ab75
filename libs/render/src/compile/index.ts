export {
  LATEX_TEMP_DIR_PREFIX,
  LatexCompiler,
  MAX_TEX_BYTES,
  type CompiledPdf,
  type CompileOptions,
  type LatexCompilerOptions,
  type LatexCompilerStats,
  type LatexSelfTestResult,
} from './latex.compiler';
export { LatexCompileError, type LatexCompileErrorCode, type LatexLogError } from './latex-compile.error';
export { parseLatexLog, scrubPaths } from './latex-log.parser';
