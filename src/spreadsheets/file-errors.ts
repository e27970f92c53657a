import { DomainError } from '../common/errors';

export type FileRefusal = 'file_too_large' | 'file_refused' | 'file_unreadable' | 'unsupported_file';

/**
 * A file that is refused before any of its content is read as data: too large, a zip bomb, not a
 * spreadsheet, corrupt. 413 when it is too large, 400 otherwise, with a message a person can act on.
 */
export class FileRefusedError extends DomainError {
  constructor(code: FileRefusal, message: string) {
    super(code === 'file_too_large' ? 413 : 400, code, message, [{ field: '(file)', problem: message }]);
  }
}
