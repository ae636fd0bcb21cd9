def find_figures(text):
    return []
