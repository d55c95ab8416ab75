import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { ApplicationEventRepository } from './application-event.repository';
import { ApplicationEventSchema } from './application-event.schema';
import { ApplicationRepository } from './application.repository';
import { ApplicationSchema } from './application.schema';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { ResumeVersionLookup, UnavailableResumeVersionLookup } from './resume-version.lookup';

export interface ApplicationsModuleOptions {
  /**
   * The `ResumeVersionLookup` implementation, instantiated in this module. Default:
   * `UnavailableResumeVersionLookup`, which refuses every resume reference (fail closed).
   */
  resumeLookup?: Type<ResumeVersionLookup>;
  /** Modules that provide what `resumeLookup` injects (e.g. the resumes module exporting its service). */
  imports?: ModuleMetadata['imports'];
}

/** Job applications, their status machine, timeline and statistics. */
@Module({})
export class ApplicationsModule {
  static forRoot(options: ApplicationsModuleOptions = {}): DynamicModule {
    return {
      module: ApplicationsModule,
      imports: [
        MongooseModule.forFeature([
          { name: 'Application', schema: ApplicationSchema },
          { name: 'ApplicationEvent', schema: ApplicationEventSchema },
        ]),
        ...(options.imports ?? []),
      ],
      controllers: [ApplicationsController],
      providers: [
        ApplicationRepository,
        ApplicationEventRepository,
        ApplicationsService,
        { provide: ResumeVersionLookup, useClass: options.resumeLookup ?? UnavailableResumeVersionLookup },
      ],
      exports: [ApplicationsService],
    };
  }
}
