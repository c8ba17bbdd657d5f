"""Python's grpcio (grpc.aio) at its default channel options, calling the example's Greeter with large messages and
many calls at once on one channel: python3 large_concurrent_client.py HTTP_PORT HTTPS_PORT CA_PEM PYTHON_PROTO_DIR

Prints one line per scenario, "<transport> <scenario>: <ok>/<calls> ok", and for a scenario with failures the first
one's status; exits 1 when any call failed. The same scenarios as grpc_js_client.mjs (GrpcJsClientIT).
"""
import asyncio
import sys

import grpc

sys.path.insert(0, sys.argv[4])
from greeter_pb2 import HelloReply, HelloRequest  # noqa: E402

DEADLINE_SECONDS = 60


def name_of(length: int, call: int) -> str:
    """A name of `length` characters, different for each call so that a reply given to the wrong call shows."""
    tag = f"call-{call}-"
    return tag + "x" * (length - len(tag))


async def say_hello(channel, name: str) -> None:
    say = channel.unary_unary("/Greeter/SayHello", request_serializer=HelloRequest.SerializeToString,
                              response_deserializer=HelloReply.FromString)
    reply = await say(HelloRequest(name=name), timeout=DEADLINE_SECONDS)
    if reply.message != f"Hello, {name}!":
        raise ValueError(f"wrong reply: {len(reply.message)} characters, starting {reply.message[:20]}")


async def say_hello_stream(channel, name: str, count: int) -> None:
    stream = channel.unary_stream("/Greeter/SayHelloStream", request_serializer=HelloRequest.SerializeToString,
                                  response_deserializer=HelloReply.FromString)
    received = 0
    async for reply in stream(HelloRequest(name=name, count=count), timeout=DEADLINE_SECONDS):
        received += 1
        if reply.message != f"Hello, {name}! ({received}/{count})":
            raise ValueError(f"wrong reply {received}")
    if received != count:
        raise ValueError(f"{received} of {count} replies")


def describe(error: BaseException) -> str:
    if isinstance(error, grpc.aio.AioRpcError):
        return f"{error.code().name} {error.details()}"
    return repr(error)


async def scenario(label, open_channel, channels, calls, call) -> int:
    """`calls` calls at once on one channel, on `channels` new channels one after another; one line for all."""
    failed = []
    for c in range(channels):
        async with open_channel() as channel:
            results = await asyncio.gather(*(call(channel, c * calls + i) for i in range(calls)), return_exceptions=True)
            failed += [r for r in results if isinstance(r, BaseException)]
    total = channels * calls
    print(f"{label}: {total - len(failed)}/{total} ok")
    if failed:
        print(f"{label}: first failure: {describe(failed[0])}")
    return len(failed)


def hello(length):
    return lambda channel, i: say_hello(channel, name_of(length, i))


async def main(http_port: int, https_port: int, ca_pem: str) -> int:
    with open(ca_pem, "rb") as f:
        tls = grpc.ssl_channel_credentials(root_certificates=f.read())
    transports = [
        ("h2c", lambda: grpc.aio.insecure_channel(f"127.0.0.1:{http_port}")),
        ("tls", lambda: grpc.aio.secure_channel(f"127.0.0.1:{https_port}", tls)),
    ]
    failures = 0
    for transport, open_channel in transports:
        async def run(label, channels, calls, call):
            return await scenario(f"{transport} {label}", open_channel, channels, calls, call)
        failures += await run("30000 chars x1", 1, 1, hello(30_000))
        failures += await run("30000 chars 20 at once, 10 channels", 10, 20, hello(30_000))
        failures += await run("30000 chars 100 at once, 3 channels", 3, 100, hello(30_000))
        failures += await run("1000000 chars x1", 1, 1, hello(1_000_000))
        failures += await run("1000000 chars 20 at once", 1, 20, hello(1_000_000))
        failures += await run("stream of 100 x 30000 chars, 20 at once", 1, 20,
                              lambda channel, i: say_hello_stream(channel, name_of(30_000, i), 100))
    return failures


sys.exit(0 if asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])) == 0 else 1)
