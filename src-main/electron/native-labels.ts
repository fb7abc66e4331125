// What the Electron glue writes itself, in the interface language: the native menu, the file
// dialog and the sync notifications (the renderer has its own dictionaries). French first.
import type { Language } from '../../src-shared/domain/language';
import type { JobOutcome } from '../../src-shared/ipc/dto/jobs';
import { SCREEN_NAMES, type ScreenId } from '../../src-shared/ipc/screens';

export interface NativeLabels {
  screens: Record<ScreenId, string>;
  menu: {
    file: string;
    quit: string;
    edit: string;
    undo: string;
    redo: string;
    cut: string;
    copy: string;
    paste: string;
    selectAll: string;
    view: string;
    zoomIn: string;
    zoomOut: string;
    resetZoom: string;
    fullScreen: string;
    reload: string;
    devTools: string;
    help: string;
    about: string;
  };
  importDialog: { title: string; csvOrExcel: string; allFiles: string };
  /** Title and body of the notification that ends a sync, by outcome. */
  syncFinished: Record<JobOutcome, [string, string]>;
}

const FR: Omit<NativeLabels, 'screens'> = {
  menu: {
    file: 'Fichier',
    quit: 'Quitter',
    edit: 'Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: 'Affichage',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    resetZoom: 'Taille réelle',
    fullScreen: 'Plein écran',
    reload: 'Recharger',
    devTools: 'Outils de développement',
    help: 'Aide',
    about: 'À propos d’EPM Retail',
  },
  importDialog: {
    title: 'Fichier à importer',
    csvOrExcel: 'CSV ou Excel',
    allFiles: 'Tous les fichiers',
  },
  syncFinished: {
    succeeded: ['Synchronisation terminée', 'Les données locales sont à jour.'],
    failed: ['Échec de la synchronisation', 'Ouvrez l’écran Synchronisation pour plus de détails.'],
    cancelled: ['Synchronisation annulée', 'Le cache local conserve ses données précédentes.'],
  },
};

const EN: Omit<NativeLabels, 'screens'> = {
  menu: {
    file: 'File',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    help: 'Help',
    about: 'About EPM Retail',
  },
  importDialog: { title: 'File to import', csvOrExcel: 'CSV or Excel', allFiles: 'All files' },
  syncFinished: {
    succeeded: ['Synchronisation finished', 'The local data is up to date.'],
    failed: ['Synchronisation failed', 'Open the Synchronisation screen for the details.'],
    cancelled: ['Synchronisation cancelled', 'The local cache keeps its previous data.'],
  },
};

// The screen names are the renderer's (src-shared): the menu and the navigation say the same.
const LABELS: Record<Language, NativeLabels> = {
  fr: { ...FR, screens: SCREEN_NAMES.fr },
  en: { ...EN, screens: SCREEN_NAMES.en },
};

export function nativeLabels(language: Language): NativeLabels {
  return LABELS[language];
}
