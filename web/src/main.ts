// The web app's entry: fonts and styles, and the page of each route.
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import './style.css';
import { analyzePage } from './pages/analyze.js';
import { articlePage } from './pages/article.js';
import { entitiesPage } from './pages/entities.js';
import { entityLookupPage, entityPage } from './pages/entity.js';
import { quotesPage } from './pages/quotes.js';
import { homePage, searchPage } from './pages/search.js';
import { start } from './router.js';

start(document.getElementById('main')!, [
  ['/', homePage],
  ['/search', searchPage],
  ['/article/:id', articlePage],
  ['/quotes', quotesPage],
  ['/entities', entitiesPage],
  ['/entity', entityLookupPage],
  ['/entity/:id', entityPage],
  ['/analyze', analyzePage],
]);
