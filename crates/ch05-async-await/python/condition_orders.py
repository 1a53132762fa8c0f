import asyncio

from _trace import TICK, run, say


# ANCHOR: cook
async def cook(kitchen, orders):
    async with kitchen:
        say('waits for an order')
        await kitchen.wait_for(lambda: orders)
        say(f'cooks {orders.pop(0)}')
# ANCHOR_END: cook


# ANCHOR: main
async def main():
    kitchen = asyncio.Condition()
    orders = []
    for name in ['Ann', 'Bob']:
        asyncio.create_task(cook(kitchen, orders), name=name)
    for order in ['soup', 'pie']:
        await asyncio.sleep(1 * TICK)
        async with kitchen:
            orders.append(order)
            say(f'order: {order}')
            kitchen.notify(1)
    await asyncio.sleep(1 * TICK)


run(main)
# ANCHOR_END: main
