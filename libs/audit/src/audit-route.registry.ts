import { Injectable, type OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { type AuditAnnotation } from './audit-annotation';
import { AUDITED_METHODS } from './audit-entry.builder';
import { AUDIT_ACTION, AUDIT_RESOURCE, NO_AUDIT } from './audit.decorators';

export type RouteAnnotation = Omit<AuditAnnotation, 'resultId'>;

/**
 * The audit decorators of every mutating route, read once at start-up from the controllers' metadata and
 * looked up by method and route pattern when a response has been sent. (A global interceptor could read
 * them per request, but Nest then runs its interceptor pipeline on every request, reads included: measured,
 * that cost about 40% of the throughput of a light route.)
 */
@Injectable()
export class AuditRouteRegistry implements OnApplicationBootstrap {
  private readonly routes = new Map<string, RouteAnnotation>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller?.prototype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        if (path === undefined || !AUDITED_METHODS.has(method)) continue;
        const targets = [handler, controller];
        const annotation: RouteAnnotation = {
          skip: this.reflector.getAllAndOverride<boolean | undefined>(NO_AUDIT, targets) === true,
          action: this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets),
          resourceType: this.reflector.getAllAndOverride<string | undefined>(AUDIT_RESOURCE, targets),
        };
        for (const prefix of [base ?? ''].flat()) {
          for (const suffix of [path].flat())
            this.routes.set(`${method} ${joinRoute(prefix, suffix)}`, annotation);
        }
      }
    }
  }

  /** The decorators of a route, by method and Fastify route pattern (`/api/v1/api-keys/:id/rotate`). */
  lookup(method: string, route: string): RouteAnnotation | undefined {
    return this.routes.get(`${method} ${normalise(route)}`);
  }
}

function joinRoute(prefix: string, path: string): string {
  return normalise(`/${prefix}/${path}`);
}

function normalise(route: string): string {
  return route.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}
