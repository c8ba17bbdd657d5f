// The landing page's browser demo: SayHello and SayHelloStream called from the page with connect-web, over the
// Connect protocol or gRPC-Web, at the page's own origin (so no CORS is needed). The messages and the service
// descriptor are generated from greeter.proto (npm run generate), as a connect-web application's would be.
import { createPromiseClient, ConnectError } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { Greeter } from "./gen/greeter_connect.js";

const name = document.getElementById("demo-name");
const protocol = document.getElementById("demo-protocol");
const output = document.getElementById("demo-output");
// The WAR's own URL (the page is its index.html), whatever context path it is deployed under.
const baseUrl = new URL(".", location.href).href.replace(/\/$/, "");

function client() {
  const transport = protocol.value === "grpc-web" ? createGrpcWebTransport({ baseUrl }) : createConnectTransport({ baseUrl });
  return createPromiseClient(Greeter, transport);
}

function show(lines) {
  output.textContent = lines.join("\n");
}

async function run(call) {
  const lines = [];
  try {
    await call(lines);
    lines.push("(done)");
  } catch (e) {
    lines.push(`error: ${ConnectError.from(e).code} ${ConnectError.from(e).rawMessage}`);
  }
  show(lines);
}

document.getElementById("demo-say-hello").addEventListener("click", () => run(async (lines) => {
  show(["calling SayHello…"]);
  lines.push((await client().sayHello({ name: name.value })).message);
}));

document.getElementById("demo-say-hello-stream").addEventListener("click", () => run(async (lines) => {
  show(["calling SayHelloStream…"]);
  for await (const reply of client().sayHelloStream({ name: name.value, count: 3 })) {
    lines.push(reply.message);
    show(lines);
  }
}));

document.getElementById("demo").hidden = false;
document.getElementById("demo-absent").hidden = true;
