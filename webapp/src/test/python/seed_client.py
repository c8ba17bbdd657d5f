"""Ravyn's Python gRPC client for its GrpcGateway example (grpc.aio), calling the example WAR: python3 seed_client.py PORT PYTHON_PROTO_DIR.

The messages come from the example's greeter.proto (compiled by the build); the call is made by method path, as the
stub that grpc_tools would generate makes it.
"""
import asyncio
import sys

import grpc

sys.path.insert(0, sys.argv[2])
from greeter_pb2 import HelloReply, HelloRequest  # noqa: E402


async def main(port: int) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        say_hello = channel.unary_unary(
            "/Greeter/SayHello",
            request_serializer=HelloRequest.SerializeToString,
            response_deserializer=HelloReply.FromString,
        )
        response = await say_hello(HelloRequest(name="World"), timeout=10)
        print(response.message)
        try:
            await say_hello(HelloRequest(name="error"), timeout=10)
            print("no error")
        except grpc.aio.AioRpcError as e:
            print(e.code().name, e.details())


asyncio.run(main(int(sys.argv[1])))
