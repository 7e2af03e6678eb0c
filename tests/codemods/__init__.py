"""Unit specs for the codemod building blocks, one module per codemods/ module."""
