// Runs in the browser (bundled by esbuild into dist/interop_page.js, loaded by interop.html): the grpc-web project's
// interop cases against grpc-java's interop TestService, with the official grpc-web client in text and binary mode and
// with connect-web's gRPC-Web and Connect transports. The server's base URL is the page's ?server= parameter; the page
// comes from another origin, so every call is a CORS call. Each case's result is a line in window.results
// ("<client> <case>: passed" or "...: failed <why>"); window.finished is set when all have ended.
//
// The grpc-web client is called as the code protoc-gen-grpc-web generates calls it — a MethodDescriptor per method and
// rpcCall/serverStreaming on GrpcWebClientBase — because that plugin's binary is downloaded from GitHub when it is
// installed, which this machine cannot reach. The messages come from protoc-gen-es (npm run generate).
import { GrpcWebClientBase, MethodDescriptor, MethodType } from "grpc-web";
import { createPromiseClient, ConnectError, Code } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { Empty } from "./gen/grpc/testing/empty_pb.js";
import { EchoStatus, Payload, ResponseParameters, SimpleRequest, SimpleResponse, StreamingOutputCallRequest,
  StreamingOutputCallResponse } from "./gen/grpc/testing/messages_pb.js";
import { TestService } from "./gen/grpc/testing/test_connect.js";

const server = new URL(location.href).searchParams.get("server");
const CASE_MILLIS = 20000;
const ECHO_INITIAL = ["x-grpc-test-echo-initial", "test_initial_metadata_value"];
// The grpc-web interop sends the number 0xababab as this binary header's value: the text "11250603", which is also
// valid base64, so the server decodes it and encodes the same bytes back to the same text.
const ECHO_TRAILING = ["x-grpc-test-echo-trailing-bin", String(0xababab)];
const STREAM_SIZES = [31415, 9, 2653, 58979];

function check(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

function largeRequest() {
  return new SimpleRequest({ payload: new Payload({ body: new Uint8Array(271828) }), responseSize: 314159 });
}

function streamRequest() {
  return new StreamingOutputCallRequest({
    responseParameters: STREAM_SIZES.map((size, i) => new ResponseParameters({ size, intervalUs: i * 10 })),
  });
}

// ---- the official grpc-web client ----

function descriptor(name, type, input, output) {
  return new MethodDescriptor(`/grpc.testing.TestService/${name}`, type, input, output,
    (request) => request.toBinary(), (bytes) => output.fromBinary(bytes));
}

const EMPTY_CALL = descriptor("EmptyCall", MethodType.UNARY, Empty, Empty);
const UNARY_CALL = descriptor("UnaryCall", MethodType.UNARY, SimpleRequest, SimpleResponse);
const STREAMING_OUTPUT_CALL = descriptor("StreamingOutputCall", MethodType.SERVER_STREAMING,
  StreamingOutputCallRequest, StreamingOutputCallResponse);
const UNIMPLEMENTED_CALL = descriptor("UnimplementedCall", MethodType.UNARY, Empty, Empty);

/** One unary call; resolves with the error, the response, the initial metadata and the status the client reported. */
function grpcWebUnary(client, method, request, metadata) {
  return new Promise((resolve) => {
    const seen = { metadata: null, status: null };
    const call = client.rpcCall(server + method.getName(), request, metadata, method, (error, response) => {
      // The status event can come after the callback: give it a turn of the event loop.
      setTimeout(() => resolve({ error, response, ...seen }), 0);
    });
    call.on("metadata", (m) => (seen.metadata = m));
    call.on("status", (s) => (seen.status = s));
  });
}

function grpcWebCases(format) {
  const client = new GrpcWebClientBase({ format });
  const cases = {
    async empty_unary() {
      const { error, response } = await grpcWebUnary(client, EMPTY_CALL, new Empty(), {});
      check(!error, `error ${error?.code} ${error?.message}`);
      check(response instanceof Empty, "no Empty");
    },
    async empty_unary_with_deadline() {
      // The interop case's own deadline is 1 s; 5 s keeps the case about the header, not about the machine's speed.
      const { error, response } = await grpcWebUnary(client, EMPTY_CALL, new Empty(), { deadline: String(Date.now() + 5000) });
      check(!error, `error ${error?.code} ${error?.message}`);
      check(response instanceof Empty, "no Empty");
    },
    async large_unary() {
      const { error, response } = await grpcWebUnary(client, UNARY_CALL, largeRequest(), {});
      check(!error, `error ${error?.code} ${error?.message}`);
      check(response.payload.body.length === 314159, `body of ${response.payload.body.length} bytes`);
    },
    async custom_metadata() {
      const { error, response, metadata, status } = await grpcWebUnary(client, UNARY_CALL, largeRequest(),
        { [ECHO_INITIAL[0]]: ECHO_INITIAL[1], [ECHO_TRAILING[0]]: ECHO_TRAILING[1] });
      check(!error, `error ${error?.code} ${error?.message}`);
      check(response.payload.body.length === 314159, `body of ${response.payload.body.length} bytes`);
      check(metadata?.[ECHO_INITIAL[0]] === ECHO_INITIAL[1], `initial metadata ${JSON.stringify(metadata)}`);
      check(status?.metadata?.[ECHO_TRAILING[0]] === ECHO_TRAILING[1], `trailing metadata ${JSON.stringify(status?.metadata)}`);
    },
    async status_code_and_message() {
      const request = new SimpleRequest({ responseStatus: new EchoStatus({ code: 2, message: "test status message" }) });
      const { error } = await grpcWebUnary(client, UNARY_CALL, request, {});
      check(error?.code === 2 && error.message === "test status message", `error ${error?.code} ${error?.message}`);
    },
    async unimplemented_method() {
      const { error } = await grpcWebUnary(client, UNIMPLEMENTED_CALL, new Empty(), {});
      check(error?.code === 12, `error ${error?.code} ${error?.message}`);
    },
  };
  // As in the grpc-web interop: server streaming in text mode only (its binary mode is for unary calls).
  if (format === "text") {
    cases.server_streaming = () => new Promise((resolve, reject) => {
      const sizes = [];
      const stream = client.serverStreaming(server + STREAMING_OUTPUT_CALL.getName(), streamRequest(), {}, STREAMING_OUTPUT_CALL);
      stream.on("data", (response) => sizes.push(response.payload.body.length));
      stream.on("error", (e) => reject(new Error(`error ${e.code} ${e.message}`)));
      stream.on("end", () => {
        try {
          check(JSON.stringify(sizes) === JSON.stringify(STREAM_SIZES), `sizes ${sizes}`);
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  }
  return cases;
}

// ---- connect-web: the same cases on its gRPC-Web and Connect transports ----

function connectCases(transport) {
  const client = createPromiseClient(TestService, transport);
  const refusal = async (call, code) => {
    try {
      await call();
    } catch (e) {
      const err = ConnectError.from(e);
      check(err.code === code, `error ${Code[err.code]} ${err.rawMessage}`);
      return err;
    }
    throw new Error("no error");
  };
  return {
    async empty_unary() {
      check((await client.emptyCall({})) instanceof Empty, "no Empty");
    },
    async empty_unary_with_deadline() {
      check((await client.emptyCall({}, { timeoutMs: 5000 })) instanceof Empty, "no Empty");
    },
    async large_unary() {
      const response = await client.unaryCall(largeRequest());
      check(response.payload.body.length === 314159, `body of ${response.payload.body.length} bytes`);
    },
    async server_streaming() {
      const sizes = [];
      for await (const response of client.streamingOutputCall(streamRequest())) {
        sizes.push(response.payload.body.length);
      }
      check(JSON.stringify(sizes) === JSON.stringify(STREAM_SIZES), `sizes ${sizes}`);
    },
    async custom_metadata() {
      let header, trailer;
      const response = await client.unaryCall(largeRequest(), {
        headers: { [ECHO_INITIAL[0]]: ECHO_INITIAL[1], [ECHO_TRAILING[0]]: ECHO_TRAILING[1] },
        onHeader: (h) => (header = h),
        onTrailer: (t) => (trailer = t),
      });
      check(response.payload.body.length === 314159, `body of ${response.payload.body.length} bytes`);
      check(header?.get(ECHO_INITIAL[0]) === ECHO_INITIAL[1], `initial metadata ${header?.get(ECHO_INITIAL[0])}`);
      check(trailer?.get(ECHO_TRAILING[0]) === ECHO_TRAILING[1], `trailing metadata ${trailer?.get(ECHO_TRAILING[0])}`);
    },
    async status_code_and_message() {
      const err = await refusal(() => client.unaryCall({ responseStatus: { code: 2, message: "test status message" } }), Code.Unknown);
      check(err.rawMessage === "test status message", `message ${err.rawMessage}`);
    },
    async unimplemented_method() {
      await refusal(() => client.unimplementedCall({}), Code.Unimplemented);
    },
  };
}

async function run(label, cases) {
  for (const [name, test] of Object.entries(cases)) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${CASE_MILLIS} ms`)), CASE_MILLIS);
    });
    try {
      await Promise.race([test(), timeout]);
      window.results.push(`${label} ${name}: passed`);
    } catch (e) {
      window.results.push(`${label} ${name}: failed ${e.message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

window.results = [];
try {
  await run("grpc-web text", grpcWebCases("text"));
  await run("grpc-web binary", grpcWebCases("binary"));
  await run("connect-web grpc-web", connectCases(createGrpcWebTransport({ baseUrl: server })));
  await run("connect-web connect", connectCases(createConnectTransport({ baseUrl: server })));
  await run("connect-web connect-json", connectCases(createConnectTransport({ baseUrl: server, useBinaryFormat: false })));
} finally {
  document.getElementById("results").textContent = window.results.join("\n");
  window.finished = true;
}
