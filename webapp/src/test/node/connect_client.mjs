// A real Connect client (@connectrpc/connect-node) calling the example's Greeter: node connect_client.mjs PORT
// With each of its three transports: Connect (at the origin and under the gateway's path, HTTP/1.1 and h2c, JSON and
// binary), gRPC-Web at the origin (HTTP/1.1 and h2c) and gRPC at the origin (h2c). One line per result.
// The service is described at run time (no code generation): the example's greeter.proto (Ravyn's), field for field.
import { createPromiseClient, ConnectError, Code } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { proto3, MethodKind, ScalarType } from "@bufbuild/protobuf";

const HelloRequest = proto3.makeMessageType("HelloRequest", [
  { no: 1, name: "name", kind: "scalar", T: ScalarType.STRING },
  { no: 2, name: "count", kind: "scalar", T: ScalarType.INT32 },
]);
const HelloReply = proto3.makeMessageType("HelloReply", [
  { no: 1, name: "message", kind: "scalar", T: ScalarType.STRING },
]);
const Greeter = {
  typeName: "Greeter",
  methods: {
    sayHello: { name: "SayHello", I: HelloRequest, O: HelloReply, kind: MethodKind.Unary },
    sayHelloStream: { name: "SayHelloStream", I: HelloRequest, O: HelloReply, kind: MethodKind.ServerStreaming },
  },
};

async function exercise(label, transport) {
  const client = createPromiseClient(Greeter, transport);
  const reply = await client.sayHello({ name: "World" });
  console.log(`${label} unary: ${reply.message}`);
  try {
    await client.sayHello({ name: "error" });
    console.log(`${label} error: none`);
  } catch (e) {
    const err = ConnectError.from(e);
    console.log(`${label} error: ${Code[err.code]} ${err.rawMessage}`);
  }
  const messages = [];
  for await (const m of client.sayHelloStream({ name: "Stream", count: 2 })) {
    messages.push(m.message);
  }
  console.log(`${label} stream: ${messages.join(" | ")}`);
}

const port = process.argv[2];
// The origin itself (Connect at each method's own path, /Greeter/SayHello, as native gRPC) and the gateway's path.
const origin = `http://127.0.0.1:${port}`;
for (const [where, baseUrl] of [["origin", origin], ["gateway", `${origin}/grpc`]]) {
  for (const httpVersion of ["1.1", "2"]) {
    for (const useBinaryFormat of [false, true]) {
      const label = `${where} http/${httpVersion} ${useBinaryFormat ? "proto" : "json"}`;
      await exercise(label, createConnectTransport({ baseUrl, httpVersion, useBinaryFormat }));
    }
  }
}
for (const httpVersion of ["1.1", "2"]) {
  await exercise(`grpc-web http/${httpVersion}`, createGrpcWebTransport({ baseUrl: origin, httpVersion }));
}
await exercise("grpc http/2", createGrpcTransport({ baseUrl: origin, httpVersion: "2" }));
