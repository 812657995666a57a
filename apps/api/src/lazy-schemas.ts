import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

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

/**
 * @fastify/type-provider-typebox's validator, except that a value which already has the schema's types is not
 * converted: TypeBox's `Value.Convert` walks the schema without compiling it, and most parameters and queries
 * are strings that need nothing. Strings meant as numbers or booleans still are converted, as before.
 */
export const lazyValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) =>
  onFirstUse(() => {
    const typeCheck = Compile(schema);
    return (value: unknown) => {
      if (typeCheck.Check(value)) return { value };
      const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
      return typeCheck.Check(converted) ? { value: converted } : { error: typeCheck.Errors(converted) };
    };
  });

const defaultSerializers = SerializerSelector();

/** Fastify's own serialiser builder (fast-json-stringify), each route's serialiser built when first used. */
export const lazySerializers: NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildSerializer'] = (externalSchemas, options) => {
  const compile = defaultSerializers(externalSchemas, options);
  return (route) => onFirstUse(() => compile(route));
};
