import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { SKU_PATTERN } from './validation';

/** Validates a `:sku` path parameter. */
@Injectable()
export class SkuPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !SKU_PATTERN.test(value)) {
      throw new ApiError('VALIDATION_FAILED', 'sku must be 1-128 printable characters without spaces or slashes');
    }
    return value;
  }
}
