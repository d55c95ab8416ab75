export {
  LatexCompiler,
  type CompiledPdf,
  type CompileOptions,
  type LatexCompilerOptions,
  type LatexCompilerStats,
  type LatexSelfTestResult,
} from './latex.compiler';
export { LatexCompileError, type LatexCompileErrorCode, type LatexLogError } from './latex-compile.error';
export { parseLatexLog, scrubPaths } from './latex-log.parser';
