/** exceljs's SAX wrapper, which posrecon's patch changes (patches/exceljs+4.4.0.patch); exceljs ships no type for it. */
declare module 'exceljs/lib/utils/parse-sax.js' {
  const parseSax: (chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>) => AsyncIterable<Array<{ eventType: string; value: unknown }>>;
  export default parseSax;
}
