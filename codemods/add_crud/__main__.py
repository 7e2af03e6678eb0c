"""`python -m codemods.add_crud`: the same command as the `add-crud` console script."""

from codemods.add_crud.launch import main

main()
