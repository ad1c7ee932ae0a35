print("own")
