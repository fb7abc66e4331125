import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useViewStore } from './stores/view';
import './styles/app.css';
import './styles/screens.css';

// Apply the stored theme before the first paint (no light flash for dark-theme users).
document.documentElement.dataset.theme = useViewStore.getState().theme;
document.documentElement.lang = useViewStore.getState().language;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
