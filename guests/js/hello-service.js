// serves: wasi:http/proxy
// A wasi:http handler (WASI 0.2) written against wasi:http/types directly: every request gets 200
// and "hello from the guest: <path and query>". (StarlingMonkey's fetch event binds wasi:http at
// 0.2.10, a release whose WIT jco does not ship; this handler keeps the whole world at 0.2.12.)
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.12';

const encoder = new TextEncoder();

export const incomingHandler = {
  handle(request, responseOut) {
    const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain')]]));
    response.setStatusCode(200);
    const body = response.body();
    ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(encoder.encode(`hello from the guest: ${request.pathWithQuery() ?? '/'}`));
    // The body's stream is its child: it must be gone before the body is finished.
    stream[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
  },
};
