"""The dashboard served: the Dash app, its page and callbacks, the address, the data files
the browser keeps, the servers, and the page's scripts (assets/)."""
