// Node's gRPC client, @grpc/grpc-js, at its default channel options, calling the example's Greeter with large messages
// and many calls at once on one channel: node grpc_js_client.mjs GREETER_PROTO HTTP_PORT HTTPS_PORT CA_PEM
// Prints one line per scenario, "<transport> <scenario>: <ok>/<calls> ok", and for a scenario with failures the first
// one's status; exits 1 when any call failed. The service is described at run time from the seed's greeter.proto.
import { readFileSync } from "node:fs";
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const [protoFile, httpPort, httpsPort, caPem] = process.argv.slice(2);
const { Greeter } = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile));
const DEADLINE_MS = 60_000;

// A name of `length` characters, different for each call so that a reply given to the wrong call shows.
function nameOf(length, call) {
  const tag = `call-${call}-`;
  return tag + "x".repeat(length - tag.length);
}

function sayHello(client, name) {
  return new Promise((resolve, reject) => {
    client.sayHello({ name }, { deadline: Date.now() + DEADLINE_MS }, (err, reply) => {
      if (err) {
        reject(err);
      } else if (reply.message !== `Hello, ${name}!`) {
        reject(new Error(`wrong reply: ${reply.message.length} characters, starting ${reply.message.slice(0, 20)}`));
      } else {
        resolve();
      }
    });
  });
}

function sayHelloStream(client, name, count) {
  return new Promise((resolve, reject) => {
    const stream = client.sayHelloStream({ name, count }, { deadline: Date.now() + DEADLINE_MS });
    let received = 0;
    stream.on("data", (reply) => {
      received++;
      if (reply.message !== `Hello, ${name}! (${received}/${count})`) {
        stream.cancel();
        reject(new Error(`wrong reply ${received}`));
      }
    });
    stream.on("error", reject);
    stream.on("end", () => (received === count ? resolve() : reject(new Error(`${received} of ${count} replies`))));
  });
}

async function scenario(label, calls, call) {
  const results = await Promise.allSettled(Array.from({ length: calls }, (_, i) => call(i)));
  const failed = results.filter((r) => r.status === "rejected");
  console.log(`${label}: ${calls - failed.length}/${calls} ok`);
  if (failed.length > 0) {
    const e = failed[0].reason;
    console.log(`${label}: first failure: ${e.code !== undefined ? grpc.status[e.code] : ""} ${e.details ?? e.message}`);
  }
  return failed.length;
}

let failures = 0;
const transports = [
  ["h2c", `127.0.0.1:${httpPort}`, grpc.credentials.createInsecure()],
  ["tls", `127.0.0.1:${httpsPort}`, grpc.credentials.createSsl(readFileSync(caPem))],
];
for (const [transport, target, credentials] of transports) {
  const client = new Greeter(target, credentials);
  failures += await scenario(`${transport} 30000 chars x1`, 1, (i) => sayHello(client, nameOf(30_000, i)));
  failures += await scenario(`${transport} 30000 chars x20`, 20, (i) => sayHello(client, nameOf(30_000, i)));
  failures += await scenario(`${transport} 30000 chars x100`, 100, (i) => sayHello(client, nameOf(30_000, i)));
  failures += await scenario(`${transport} 1000000 chars x1`, 1, (i) => sayHello(client, nameOf(1_000_000, i)));
  failures += await scenario(`${transport} 1000000 chars x20`, 20, (i) => sayHello(client, nameOf(1_000_000, i)));
  failures += await scenario(`${transport} stream 100 x 30000 chars x20`, 20, (i) => sayHelloStream(client, nameOf(30_000, i), 100));
  client.close();
}
process.exit(failures === 0 ? 0 : 1);
