// French is the reference dictionary: every key exists here (the shell's below, the screens' in
// fr-app.ts), and the English one is checked against it by the type system. Placeholders look
// like {name}.
import { frApp } from './fr-app';
import { screenMessages } from '../../../src-shared/ipc/screens';

const frShell = {
  'app.name': 'EPM Retail',
  'app.tagline': 'Pilotage de la performance',
  'a11y.skipToContent': 'Aller au contenu',
  'nav.label': 'Navigation principale',
  'nav.shortcut': 'Raccourci : Ctrl+{n}',

  ...screenMessages('fr'),

  'screen.dashboard.intro':
    'Chiffre d’affaires, marge, atteinte des objectifs et évolution N-1 de votre périmètre, calculés sur le cache local.',
  'screen.consolidation.intro':
    'Toutes les mesures consolidées selon la hiérarchie groupe → région → magasin, filtrables par catégorie, jusqu’aux tickets et à leurs lignes.',
  'screen.simulator.intro':
    'Scénarios « et si » : leviers de volume, de prix et de coût, ouvertures et fermetures de magasins, comparés à la référence.',
  'screen.analyses.intro':
    'Concentration ABC, effets prix-volume-mix, saisonnalité, périmètre comparable, classements et qualité des données.',
  'screen.reports.intro':
    'Exports Excel prêts à diffuser : consolidation, classements, analyse ABC, détail des ventes, simulations.',
  'screen.sync.intro':
    'Copie locale des données de votre périmètre : chargement initial puis mises à jour incrémentales depuis la base centrale.',
  'screen.import.intro':
    'Chargement de fichiers CSV ou Excel (tickets, produits, référentiels) vers la base centrale, contrôlés avant intégration.',
  'screen.settings.intro':
    'Connexion au serveur central, langue, apparence, cache local et informations sur l’application.',

  'empty.noData.title': 'Aucune donnée locale : lancez une synchronisation',
  'empty.noData.body':
    'Les chiffres sont calculés à partir du cache local. Une première synchronisation charge les données de votre périmètre ; l’application fonctionne ensuite hors ligne.',
  'empty.noData.action': 'Aller à Synchronisation',

  'cache.title': 'Cache local',
  'cache.path': 'Emplacement',
  'cache.size': 'Taille',
  'cache.schema': 'Version du schéma',
  'cache.lastSync': 'Dernière synchronisation',
  'cache.never': 'jamais synchronisé',
  'cache.missing': 'fichier absent',
  'cache.rows': 'Lignes par table',
  'cache.table': 'Table',
  'cache.rowCount': 'Lignes',
  'cache.noRows': 'Aucune table synchronisée.',
  'cache.refresh': 'Actualiser',
  'cache.loading': 'Lecture du cache…',
  'cache.error': 'État du cache indisponible : {message}',
  'cache.syncMode.initial': 'chargement initial',
  'cache.syncMode.incremental': 'incrémentale',
  'sync.start': 'Lancer la synchronisation',

  'status.label': 'Barre d’état',
  'status.version': 'Version {version}',
  'status.cache': 'Cache',
  'status.lastSync': 'Dernière synchro : {date}',
  'status.harness': 'Mode navigateur (développement)',

  'settings.preferences': 'Préférences',
  'settings.language': 'Langue',
  'settings.language.fr': 'Français',
  'settings.language.en': 'English',
  'settings.language.restart':
    'Le menu suit déjà ce choix ; le calendrier des champs de date le suivra au prochain démarrage de l’application.',
  'settings.theme': 'Thème',
  'settings.theme.light': 'Clair',
  'settings.theme.dark': 'Sombre',
  'settings.about': 'À propos',
  'settings.version': 'Version',
  'settings.platform': 'Plate-forme',
  'settings.transport': 'Transport',
  'settings.transport.electron': 'Application de bureau',
  'settings.transport.harness': 'Navigateur (harnais de test)',
  'settings.saved': 'Préférences enregistrées sur ce poste.',

  'error.generic': 'Erreur : {message}',
} as const;

export const fr = { ...frShell, ...frApp } as const;

export type MessageKey = keyof typeof fr;
export type Messages = { readonly [K in MessageKey]: string };
