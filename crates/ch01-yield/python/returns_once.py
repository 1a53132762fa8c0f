# ANCHOR: hello
def hello(name):
    for i in range(5):
        return f'[{i}] Hello, {name}'
# ANCHOR_END: hello

# ANCHOR: main
print(hello('Reuven'))
print(hello('Reuven'))
# ANCHOR_END: main
