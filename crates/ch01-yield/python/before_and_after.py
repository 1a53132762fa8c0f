# ANCHOR: numbers
def numbers():
    print('gen: started')
    for i in range(3):
        print(f'gen: before yield {i}')
        yield i
        print(f'gen: after yield {i}')
    print('gen: finished')
# ANCHOR_END: numbers

# ANCHOR: main
for i in numbers():
    print(f'loop: got {i}')
print('loop: over')
# ANCHOR_END: main
