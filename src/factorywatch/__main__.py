from factorywatch.cli import main

main()
