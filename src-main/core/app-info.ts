// The application version, read from package.json at build time by Vite / at run time by tsx.
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
export const APP_NAME: string = pkg.productName;
