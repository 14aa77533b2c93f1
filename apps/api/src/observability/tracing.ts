import { Attributes, Context, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. When off, no provider is
 * registered and every helper below runs the work directly: no span object, no context switch.
 *
 * Spans carry route patterns, command types, outcomes, rule ids, stream kinds and counts: never a
 * case id, a key, a raw URL or an error message (messages may quote input).
 */
const tracer = trace.getTracer('zicht');
let enabled = false;

export interface Tracing {
  /** Exports the spans still buffered, then stops tracing. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Instead of the OTLP exporter (tests use the SDK's InMemorySpanExporter). */
  exporter?: SpanExporter;
}

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (or an exporter is given): the SDK's OTLP
 * exporter (http/protobuf; the OTEL_EXPORTER_OTLP_* variables apply), the W3C trace context
 * propagator, parent-based sampling (OTEL_TRACES_SAMPLER applies). Returns null when off.
 */
export function startTracing(options: TracingOptions = {}): Tracing | null {
  const env = options.env ?? process.env;
  if (!options.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the name.
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': 'zicht' }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  enabled = true;
  return {
    shutdown: async () => {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

export function tracingEnabled(): boolean {
  return enabled;
}

/** Marks a span failed with the error's name only. */
export function failSpan(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
}

/**
 * Runs `work` in a span that is a child of the active one (or of `parent`), ending it when the work
 * ends (a promise: when it settles). Without tracing it just runs the work.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span | undefined) => T, parent?: Context): T {
  if (!enabled) return work(undefined);
  return tracer.startActiveSpan(name, { attributes, kind: SpanKind.INTERNAL }, parent ?? context.active(), (span) => {
    try {
      const result = work(span);
      if (result instanceof Promise) {
        return result.then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            failSpan(span, error);
            span.end();
            throw error;
          },
        ) as T;
      }
      span.end();
      return result;
    } catch (error) {
      failSpan(span, error);
      span.end();
      throw error;
    }
  });
}

/** A span of its own trace (work the log drives, such as a projection batch), not of whoever woke it. */
export function inRootSpan<T>(name: string, attributes: Attributes, work: (span: Span | undefined) => T): T {
  return inSpan(name, attributes, work, ROOT_CONTEXT);
}

/** The server span of an HTTP request, continuing the caller's W3C traceparent when it sent one. */
export function startServerSpan(name: string, headers: Record<string, unknown>, attributes: Attributes): { span: Span; context: Context } | null {
  if (!enabled) return null;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}
