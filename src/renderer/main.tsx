import './app/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { resumeSession } from './app/store';
import { registerServiceWorker } from './app/serviceWorker';
import { currentLocale } from './i18n';

document.documentElement.lang = currentLocale();
resumeSession();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
