// JSON Schema 2020-12 with Ajv: meta-schema checks when a contract is written,
// and one compiled validator per contract version at run time.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { invalidInput, type Issue } from "../errors";

// ajv-formats is CommonJS; under ESM its default export may sit one level down.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const shared = newAjv();
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

/** @throws DomainError invalid_input `schema` with the meta-schema problems */
export function assertValidSchema(schema: unknown): void {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw invalidInput("The contract schema must be a JSON Schema object.", [
      { path: "/schema", message: "not an object" },
    ]);
  }
  const ok = shared.validateSchema(schema as object);
  if (!ok) {
    throw invalidInput(
      "The contract schema is not valid JSON Schema 2020-12.",
      ajvIssues(shared.errors ?? [], "/schema"),
    );
  }
  try {
    newAjv().compile(schema as object);
  } catch (error) {
    throw invalidInput(`The contract schema cannot be compiled: ${(error as Error).message}`, [
      { path: "/schema", message: (error as Error).message },
    ]);
  }
}

/** A validator for one contract version, compiled once and cached by id. */
export function validatorFor(id: string, schema: object): ValidateFunction {
  let validate = compiled.get(id);
  if (!validate) {
    validate = newAjv().compile(schema);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(id, validate);
  }
  return validate;
}

/** At most this many issues are kept for one record (answer, stage, exception); one more line says how many were left out. */
export const MAX_ISSUES = 50;

export function ajvIssues(errors: ErrorObject[], prefix = ""): Issue[] {
  const issues = errors.slice(0, MAX_ISSUES).map((e) => {
    const missing =
      e.keyword === "required" ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : "";
    return {
      path: `${prefix}${e.instancePath}${missing}`.slice(0, 300),
      message: (e.message ?? e.keyword).slice(0, 300),
    };
  });
  if (errors.length > MAX_ISSUES)
    issues.push({ path: prefix || "/", message: `… and ${errors.length - MAX_ISSUES} more problems not listed` });
  return issues;
}
