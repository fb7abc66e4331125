// The closed set of report codes (stable, English, for scripts and tests) and their French
// messages (for the admin). Adding a code is a contract change: docs/import.md lists them.

export const IMPORT_ERROR_CODES = [
  // The file as a whole
  'UNSUPPORTED_FORMAT',
  'EMPTY_FILE',
  'UNTERMINATED_QUOTE',
  // The header
  'UNKNOWN_COLUMN',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  // A row or a cell, on its own
  'EXTRA_FIELDS',
  'REQUIRED',
  'INVALID_NUMBER',
  'INVALID_INTEGER',
  'INVALID_ID',
  'INVALID_DATE',
  'INVALID_DATETIME',
  'INVALID_RATE',
  'TOO_MANY_DECIMALS',
  'OUT_OF_RANGE',
  'NEGATIVE_VALUE',
  'ZERO_QUANTITY',
  'CLOSING_BEFORE_OPENING',
  // Against the database or the rest of the file
  'UNKNOWN_REGION',
  'UNKNOWN_STORE',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_PRODUCT',
  'UNKNOWN_CUSTOMER',
  'DUPLICATE_IN_FILE',
  'ALREADY_EXISTS',
  'INCONSISTENT_RECEIPT',
  'TOTAL_MISMATCH',
  // Rejects file only (never in the report): a line dropped because its ticket has an error.
  'RECEIPT_REJECTED',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** What a message is built from; `extra` is code-specific (see each message). */
export interface MessageInput {
  column: string | null;
  value: string | null;
  extra: string | null;
}

const q = (s: string | null) => `« ${s ?? ''} »`;
/** Amounts computed in SQL arrive with a decimal point; the admin reads a comma. */
const frNumber = (s: string | null) => (s ?? '').replace('.', ',');

function jsonPair(extra: string | null): [string | null, string] {
  try {
    const v = JSON.parse(extra ?? '[]') as unknown[];
    return [v[0] == null || v[0] === '' ? null : String(v[0]), String(v[1] ?? '')];
  } catch {
    return [null, ''];
  }
}
/** A cell value in a message; an empty cell reads "(vide)". */
const shown = (s: string | null) => (s === null || s === '' ? '(vide)' : q(s));

const MESSAGES: Record<ImportErrorCode, (m: MessageInput) => string> = {
  UNSUPPORTED_FORMAT: (m) => `format de fichier non pris en charge : ${m.extra ?? ''}`,
  EMPTY_FILE: (m) =>
    m.extra === 'no-header'
      ? 'le fichier est vide : ni en-tête ni données'
      : 'le fichier ne contient aucune ligne de données sous l’en-tête',
  UNTERMINATED_QUOTE: () =>
    'guillemet ouvrant sans guillemet fermant : le champ commencé ici court jusqu’à la fin du fichier',
  UNKNOWN_COLUMN: (m) =>
    m.value === ''
      ? `colonne sans nom en position ${m.extra ?? '?'}`
      : `colonne ${q(m.value)} inconnue ; colonnes attendues : ${m.extra ?? ''}`,
  MISSING_COLUMN: (m) =>
    `colonne obligatoire ${q(m.column)} absente (noms acceptés : ${m.extra ?? ''})`,
  DUPLICATE_COLUMN: (m) =>
    `la colonne ${q(m.value)} désigne le même champ que la colonne ${q(m.extra)}`,
  EXTRA_FIELDS: (m) =>
    `la ligne a ${m.value ?? '?'} champs, plus que les ${m.extra ?? '?'} colonnes de l’en-tête (séparateur dans une valeur non entourée de guillemets ?)`,
  REQUIRED: (m) => `valeur obligatoire manquante dans la colonne ${q(m.column)}`,
  INVALID_NUMBER: (m) =>
    `${q(m.value)} n’est pas un nombre (formes acceptées : 1234,56 ; 1 234,56 ; 1234.56 ; 1.234,56)`,
  INVALID_INTEGER: (m) => `${q(m.value)} n’est pas un nombre entier`,
  INVALID_ID: (m) =>
    `${q(m.value)} n’est pas un identifiant valide (nombre entier positif attendu)`,
  INVALID_DATE: (m) => `${q(m.value)} n’est pas une date valide (jj/mm/aaaa ou aaaa-mm-jj)`,
  INVALID_DATETIME: (m) =>
    `${q(m.value)} n’est pas une date-heure valide (jj/mm/aaaa hh:mm[:ss] ou aaaa-mm-jjThh:mm[:ss][±hh:mm])`,
  INVALID_RATE: (m) => `${q(m.value)} n’est pas un taux valide (0,2 ou 20 % ; inférieur à 100 %)`,
  TOO_MANY_DECIMALS: (m) => `${q(m.value)} a trop de décimales (${m.extra ?? '?'} au plus)`,
  OUT_OF_RANGE: (m) => `${q(m.value)} est hors limites (${m.extra ?? ''})`,
  NEGATIVE_VALUE: (m) =>
    `${q(m.value)} est négatif : ${m.column ?? 'la valeur'} doit être positif ou nul`,
  ZERO_QUANTITY: (m) =>
    `quantité ${q(m.value)} nulle : une ligne vend ou reprend au moins une unité`,
  CLOSING_BEFORE_OPENING: (m) =>
    `la date de fermeture ${q(m.value)} doit être postérieure à la date d’ouverture ${q(m.extra)}`,
  UNKNOWN_REGION: (m) =>
    `région ${q(m.value)} inconnue : aucun code région ne correspond dans la base`,
  UNKNOWN_STORE: (m) => `magasin ${q(m.value)} inconnu : aucun magasin de ce numéro dans la base`,
  UNKNOWN_CATEGORY: (m) =>
    `catégorie ${q(m.value)} inconnue : aucun code catégorie ne correspond dans la base`,
  UNKNOWN_PRODUCT: (m) => `produit ${q(m.value)} inconnu : aucun SKU ne correspond dans la base`,
  UNKNOWN_CUSTOMER: (m) => `client ${q(m.value)} inconnu : aucun client de ce numéro dans la base`,
  DUPLICATE_IN_FILE: (m) => `${q(m.value)} figure déjà ligne ${m.extra ?? '?'} du fichier`,
  ALREADY_EXISTS: (m) =>
    `${q(m.value)} existe déjà dans la base (un import ne modifie pas l’existant)`,
  INCONSISTENT_RECEIPT: (m) => {
    const [other, line] = jsonPair(m.extra);
    return `${shown(m.value)} diffère de ${shown(other)} donné pour le même ticket ligne ${line} (${m.column ?? ''} doit être identique sur toutes les lignes du ticket)`;
  },
  TOTAL_MISMATCH: (m) =>
    `montant du ticket ${q(m.value)} différent de la somme de ses lignes (${frNumber(m.extra)}) de plus de 0,01 €`,
  RECEIPT_REJECTED: (m) => `ticket ${q(m.value)} rejeté en entier : erreur ligne ${m.extra ?? '?'}`,
};

export function importMessage(code: ImportErrorCode, m: MessageInput): string {
  return MESSAGES[code](m);
}
