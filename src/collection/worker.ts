/**
 * The ingest worker (a piscina thread): registers the shipped NER model, then analyzes batches of
 * articles and returns compact rows (analysis.ts). Loaded from dist/ (compiled JavaScript).
 */
import '../ner/node.js';
import { analyzeBatch, type AnalysisResult, type AnalysisTask } from './analysis.js';

export default function analyzeTask(task: { items: AnalysisTask[] }): AnalysisResult[] {
  return analyzeBatch(task.items);
}
