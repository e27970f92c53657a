/* For the TypeORM CLI (`npm run typeorm -- migration:show`): same options as the application. */
import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { RegistreDataSource } from './registre-data-source';

export default new RegistreDataSource(dataSourceOptions(loadConfig()));
