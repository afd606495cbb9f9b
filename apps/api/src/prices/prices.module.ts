import { Module } from '@nestjs/common';
import { PriceChangesReader } from './price-changes.reader';
import { PricesController } from './prices.controller';

@Module({ controllers: [PricesController], providers: [PriceChangesReader], exports: [PriceChangesReader] })
export class PricesModule {}
