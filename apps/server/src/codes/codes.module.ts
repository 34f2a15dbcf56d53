import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { CodesController } from './codes.controller.js';
import { CodesRepository } from './codes.repository.js';
import { CodesService } from './codes.service.js';

/** Not-ready reasons (live in the ACD) and dispositions. */
@Module({ imports: [AcdModule], controllers: [CodesController], providers: [CodesRepository, CodesService], exports: [CodesRepository] })
export class CodesModule {}
