/**
 * The ingest layer: documents from files, folders, archives, feeds, web archives, the shared
 * corpora and URLs, as {@link SourceRecord}s. Start with {@link readSource}.
 */
export { readSource, formatByName, sniffFormat, FILE_FORMATS, SOURCE_FORMATS } from './readers.js';
export type { FileFormat, SourceFormat, SourceOptions } from './readers.js';
export { newStats } from './result.js';
export type { ReadFailure, ReadOk, ReadResult, ReadStats, ReaderOptions } from './result.js';
export { decodeText, sniffCharset, charsetFromContentType, charsetName, binaryReason } from './charset.js';
export type { Decoded, DecodeFailure, DecodeOptions, DecodeResult } from './charset.js';
export { readText, walkFolder, TEXT_FORMAT } from './plain.js';
export { readJson, readJsonLines, jsonRecord, JSON_FORMAT, JSONL_FORMAT } from './jsonl.js';
export { readHtml, extractArticle, htmlToText, HTML_FORMAT } from './html.js';
export type { Article, ArticleMeta, ExtractOptions } from './html.js';
export { readFeed, FEED_FORMATS } from './feed.js';
export type { FeedOptions } from './feed.js';
export { readWarc, WARC_FORMAT } from './warc.js';
export { fetchBytes } from './fetch.js';
export type { Fetched, FetchOptions } from './fetch.js';
export { IngestError, isoDate, parseIsoDate } from './record.js';
export type { IngestCode, RecordMeta, SourceRecord } from './record.js';
export { readCorpus, readCorpusAt, readCorpora, corpusPath, corpusForPath, dataDir, CORPUS_NAMES } from './corpus/index.js';
export type { CorpusName } from './corpus/index.js';
