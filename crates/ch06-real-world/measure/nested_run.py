import asyncio
async def inner(): return 42
async def outer(): return asyncio.run(inner())  # a loop runs already
asyncio.run(outer())
