import asyncio

from _trace import TICK, run, say


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.lock = asyncio.Lock()


async def pay(account, amount):
    async with account.lock:
        balance = account.balance
        say(f'balance {balance}, pays {amount}')
        if balance < amount:
            say('refused')
            return
        await asyncio.sleep(1 * TICK)  # the bank approves the payment
        account.balance = balance - amount
        say(f'paid {amount}, balance {balance - amount}')


async def main():
    account = Account(100)
    payments = [asyncio.create_task(pay(account, amount), name=name)
                for name, amount in [('rent', 60), ('food', 50)]]
    await asyncio.gather(*payments)
    say(f'left: {account.balance}')


run(main)
