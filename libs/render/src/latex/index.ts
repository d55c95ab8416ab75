export * from './latex-escape';
export * from './tex';
export { isShownCharacter } from './unicode-support';
