// connect-node's gRPC-Web transport calling the test service: node grpc_web_client.mjs PORT CONTEXT
// Over HTTP/1.1 and HTTP/2 (h2c), binary (connect-node has no text mode): unary with metadata both ways, server
// streaming, errors before and after messages, a deadline, and a client stream (refused). One line per result.
// The messages are described at run time (no code generation), field for field as in echo.proto.
import { createPromiseClient, ConnectError, Code } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-node";
import { proto3, MethodKind, ScalarType } from "@bufbuild/protobuf";

const EchoRequest = proto3.makeMessageType("switchboard.test.v1.EchoRequest", [
  { no: 1, name: "text", kind: "scalar", T: ScalarType.STRING },
  { no: 2, name: "number", kind: "scalar", T: ScalarType.INT32 },
]);
const EchoResponse = proto3.makeMessageType("switchboard.test.v1.EchoResponse", [
  { no: 1, name: "text", kind: "scalar", T: ScalarType.STRING },
  { no: 2, name: "number", kind: "scalar", T: ScalarType.INT32 },
  { no: 7, name: "seen", kind: "map", K: ScalarType.STRING, V: { kind: "scalar", T: ScalarType.STRING } },
]);
const FailRequest = proto3.makeMessageType("switchboard.test.v1.FailRequest", [
  { no: 1, name: "code", kind: "scalar", T: ScalarType.INT32 },
  { no: 2, name: "message", kind: "scalar", T: ScalarType.STRING },
]);
const SleepRequest = proto3.makeMessageType("switchboard.test.v1.SleepRequest", [
  { no: 1, name: "millis", kind: "scalar", T: ScalarType.INT64 },
]);
const CountRequest = proto3.makeMessageType("switchboard.test.v1.CountRequest", [
  { no: 1, name: "up_to", kind: "scalar", T: ScalarType.INT32 },
  { no: 2, name: "pause_millis", kind: "scalar", T: ScalarType.INT64 },
  { no: 3, name: "fail_after", kind: "scalar", T: ScalarType.INT32 },
]);
const EchoService = {
  typeName: "switchboard.test.v1.EchoService",
  methods: {
    echo: { name: "Echo", I: EchoRequest, O: EchoResponse, kind: MethodKind.Unary },
    fail: { name: "Fail", I: FailRequest, O: EchoResponse, kind: MethodKind.Unary },
    sleep: { name: "Sleep", I: SleepRequest, O: EchoResponse, kind: MethodKind.Unary },
    count: { name: "Count", I: CountRequest, O: EchoResponse, kind: MethodKind.ServerStreaming },
    collect: { name: "Collect", I: EchoRequest, O: EchoResponse, kind: MethodKind.ClientStreaming },
  },
};

function failure(e) {
  const err = ConnectError.from(e);
  return `${Code[err.code]} ${err.rawMessage}`;
}

const [port, context] = [process.argv[2], process.argv[3] ?? ""];
for (const httpVersion of ["1.1", "2"]) {
  const label = `http/${httpVersion}`;
  const transport = createGrpcWebTransport({ baseUrl: `http://127.0.0.1:${port}${context}`, httpVersion });
  const client = createPromiseClient(EchoService, transport);

  let header, trailer;
  const reply = await client.echo({ text: "hi" }, {
    headers: { "x-test": "t1", "x-echo-header": "e1" },
    onHeader: (h) => (header = h),
    onTrailer: (t) => (trailer = t),
  });
  console.log(`${label} unary: ${reply.text} seen=${reply.seen["x-test"]} header=${header.get("x-echoed")} trailer=${trailer.get("x-trailer")}`);

  const numbers = [];
  for await (const m of client.count({ upTo: 3 })) {
    numbers.push(m.number);
  }
  console.log(`${label} stream: ${numbers.join(",")}`);

  try {
    await client.fail({ code: 5, message: "no such thing" });
    console.log(`${label} error: none`);
  } catch (e) {
    console.log(`${label} error: ${failure(e)}`);
  }

  const before = [];
  try {
    for await (const m of client.count({ upTo: 5, failAfter: 2 })) {
      before.push(m.number);
    }
    console.log(`${label} stream error: none`);
  } catch (e) {
    console.log(`${label} stream error: ${before.join(",")} ${failure(e)}`);
  }

  try {
    await client.sleep({ millis: 8000n }, { timeoutMs: 300 });
    console.log(`${label} deadline: none`);
  } catch (e) {
    console.log(`${label} deadline: ${ConnectError.from(e).code === Code.DeadlineExceeded ? "DeadlineExceeded" : failure(e)}`);
  }

  if (httpVersion === "2") {
    // Client streams need HTTP/2 in connect-node; gRPC-Web has none to offer.
    try {
      await client.collect((async function* () { yield { text: "a" }; })());
      console.log(`${label} client stream: none`);
    } catch (e) {
      console.log(`${label} client stream: ${ConnectError.from(e).code === Code.Unimplemented ? "Unimplemented" : failure(e)}`);
    }
  }
}
