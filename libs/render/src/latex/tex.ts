/**
 * A tiny builder for LaTeX source. `Tex` is a string that is known to be LaTeX we mean to emit: either
 * written by us (the static parts of a `tex` template literal, `rawTex`) or the output of `escapeLatex` /
 * `escapeUrl`. A plain `string` does not type-check where `Tex` is expected, so user text cannot reach the
 * source without going through the escape function.
 *
 *   tex`\textbf{${escapeLatex(name)}}`   // static parts are taken raw: backslashes need no doubling
 */
declare const texBrand: unique symbol;
export type Tex = string & { readonly [texBrand]: true };

/** LaTeX written by us (never user input). */
export function rawTex(source: string): Tex {
  return source as Tex;
}

/** Template literal tag: static parts are raw LaTeX; interpolations must already be `Tex` (arrays are concatenated). */
export function tex(strings: TemplateStringsArray, ...values: readonly (Tex | readonly Tex[])[]): Tex {
  let out = strings.raw[0];
  values.forEach((value, i) => {
    out += (typeof value === 'string' ? value : value.join('')) + strings.raw[i + 1];
  });
  return out as Tex;
}

/** Joins the non-empty parts with a separator. */
export function joinTex(parts: readonly (Tex | undefined)[], separator: Tex): Tex {
  return parts.filter((part): part is Tex => part !== undefined && part !== '').join(separator) as Tex;
}

/** Lines joined with newlines (empty entries dropped), ending with a newline. */
export function texLines(lines: readonly (Tex | undefined)[]): Tex {
  const kept = lines.filter((line): line is Tex => line !== undefined && line !== '');
  return (kept.length > 0 ? `${kept.join('\n')}\n` : '') as Tex;
}
