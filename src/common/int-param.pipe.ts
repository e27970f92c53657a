import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from './errors';

/** A whole-number path parameter (a version number): a 400 naming the parameter, like a body field. */
@Injectable()
export class PositiveIntParam implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) {
      throw new ValidationFailedError([{ field: this.name, problem: 'must be a whole number from 1' }]);
    }
    return Number(value);
  }
}
