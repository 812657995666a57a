import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

/**
 * Route schemas compiled on a route's first request instead of at start-up: compiling the validators and
 * response serialisers of every route took about a third of the start-up CPU, and most routes are rare.
 */
function onFirstUse<Input, Output>(compile: () => (input: Input) => Output): (input: Input) => Output {
  let compiled: ((input: Input) => Output) | undefined;
  return (input) => {
    compiled ??= compile();
    return compiled(input);
  };
}

export const lazyValidatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
  onFirstUse(() => TypeBoxValidatorCompiler(route as Parameters<typeof TypeBoxValidatorCompiler>[0]));

const defaultSerializers = SerializerSelector();

/** Fastify's own serialiser builder (fast-json-stringify), each route's serialiser built when first used. */
export const lazySerializers: NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildSerializer'] = (externalSchemas, options) => {
  const compile = defaultSerializers(externalSchemas, options);
  return (route) => onFirstUse(() => compile(route));
};
