// Node's gRPC client, @grpc/grpc-js, at its default channel options, calling the example's Greeter with large messages
// and many calls at once on one channel: node grpc_js_client.mjs GREETER_PROTO HTTP_PORT HTTPS_PORT CA_PEM
// Prints one line per scenario, "<transport> <scenario>: <ok>/<calls> ok", and for a scenario with failures the first
// one's status; exits 1 when any call failed. The service is described at run time from the example's greeter.proto.
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

// `calls` calls at once on one channel, on `channels` new channels one after another (a fresh connection starts with
// HTTP/2's 64 KiB windows, where replies wait for WINDOW_UPDATEs); one line for all of them.
async function scenario(label, target, credentials, channels, calls, call) {
  let failed = [];
  for (let c = 0; c < channels; c++) {
    const client = new Greeter(target, credentials);
    const results = await Promise.allSettled(Array.from({ length: calls }, (_, i) => call(client, c * calls + i)));
    failed = failed.concat(results.filter((r) => r.status === "rejected"));
    client.close();
  }
  const total = channels * calls;
  console.log(`${label}: ${total - failed.length}/${total} ok`);
  if (failed.length > 0) {
    const e = failed[0].reason;
    console.log(`${label}: first failure: ${e.code !== undefined ? grpc.status[e.code] : ""} ${e.details ?? e.message}`);
  }
  return failed.length;
}

const hello = (length) => (client, i) => sayHello(client, nameOf(length, i));
let failures = 0;
const transports = [
  ["h2c", `127.0.0.1:${httpPort}`, grpc.credentials.createInsecure()],
  ["tls", `127.0.0.1:${httpsPort}`, grpc.credentials.createSsl(readFileSync(caPem))],
];
for (const [transport, target, credentials] of transports) {
  const run = (label, channels, calls, call) => scenario(`${transport} ${label}`, target, credentials, channels, calls, call);
  failures += await run("30000 chars x1", 1, 1, hello(30_000));
  failures += await run("30000 chars 20 at once, 10 channels", 10, 20, hello(30_000));
  failures += await run("30000 chars 100 at once, 3 channels", 3, 100, hello(30_000));
  failures += await run("1000000 chars x1", 1, 1, hello(1_000_000));
  failures += await run("1000000 chars 20 at once", 1, 20, hello(1_000_000));
  failures += await run("stream of 100 x 30000 chars, 20 at once", 1, 20, (client, i) => sayHelloStream(client, nameOf(30_000, i), 100));
}
process.exit(failures === 0 ? 0 : 1);
